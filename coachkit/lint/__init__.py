"""coachkit lint: rules that catch plans without deadlines, owners or accountability."""
