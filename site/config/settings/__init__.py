"""Settings: `base` is shared; pick `dev`, `test` or `production` explicitly."""
