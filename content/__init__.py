"""What is said: the pages of material the public reads and officers print."""
