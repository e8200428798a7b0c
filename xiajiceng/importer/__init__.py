"""Turning a plan document (its paragraphs and tables) into plan data. Pure: no I/O.

`blocks` is what a reader hands over; `timelimits` and `owners` read the small phrases;
`outline` rebuilds the numbered structure; `parse` decides what is an action, a task or a
requirement and assembles the plan with a list of warnings for the clerk.
"""
