"""Every write to reports, clues, transfers and cases: one module per flow, keyword-only, atomic."""
