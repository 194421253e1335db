"""The demo province (Quảng Trị after 1 July 2025): data, loader and the list of demo logins."""
