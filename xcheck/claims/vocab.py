"""Word lists that several claim readers share: months, weekdays and English function words."""

from __future__ import annotations

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ARTICLES = ("a", "an", "the")
BE = ("is", "are", "was", "were", "be", "been", "being")
HAVE = ("has", "have", "had")
DO = ("do", "does", "did")
MODALS = ("will", "would", "could", "should", "may", "might", "must", "can")
