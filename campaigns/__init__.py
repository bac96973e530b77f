"""Where, when, to whom and with what result: campaigns and outreach sessions."""
