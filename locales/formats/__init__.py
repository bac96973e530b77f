"""Number and date formats where Django's own differ from how the office
writes them (FORMAT_MODULE_PATH)."""
