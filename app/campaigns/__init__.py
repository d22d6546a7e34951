"""The campaign screen (issue 5): a canvas document over `engine.journeys`.

    commands      QUndoCommands that drive the model's mutation methods
    presentation  what a block looks like on the canvas (title, summary, icon, colour)
    canvas        CampaignCanvas: the node scene listening to a Campaign
    palette       the build menu (B), dragged onto the canvas
    forms         block settings forms generated per block type
    settings_panel campaign settings (trigger, filters, frequency, goal, exit, schedule)
    problems      the problems list from `validate`
    document      CampaignDocument: the tab putting it all together
"""
