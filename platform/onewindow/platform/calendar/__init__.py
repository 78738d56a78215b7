"""National working-day arrangements (放假安排 and 调休) loaded by provincial operators."""
