"""Admin reports on campaigns, each exportable to CSV and XLSX."""
