"""Dates as the documents and reminders write them."""

from datetime import date


def long_date(day: date) -> str:
    """2026年10月31日"""
    return f"{day.year}年{day.month}月{day.day}日"
