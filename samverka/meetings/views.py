"""Public and participant views of meetings and webinars."""
