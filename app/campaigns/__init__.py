"""The campaign screen (issue 5): a canvas document over `engine.journeys`.

    commands      QUndoCommands that drive the model's mutation methods
    presentation  what a block looks like on the canvas (title, summary, icon, colour)
    canvas        CampaignCanvas: the node scene listening to a Campaign
    palette       the build menu (B), dragged onto the canvas
    forms         block settings forms generated per block type
    settings_panel campaign settings (trigger, filters, frequency, goal, exit, schedule)
    problems      the problems list from `validate`
    toolbar       the tab's toolbar and actions (stable geometry; Ctrl+Z belongs to the main window)
    events        per-workspace notice that a campaign row was saved (lists refresh)
    document      CampaignDocument: the tab putting it all together

The graph logic (placing, pasting, deleting, making room, the undo journal) is the
engine's (engine/journeys/model.py, operations.py, journal.py); this package only
turns gestures into calls of it.
"""
