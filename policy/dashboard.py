"""What the policy app adds to the dashboard and the navigation (see PORTAL_DASHBOARD_PROVIDERS)."""


def sections(request) -> list[dict]:
    """Dashboard sections for this user: dicts with 'template', 'context' and 'priority'
    (lower comes first; 0 is for what must be seen before anything else)."""
    return []


def nav_items(request) -> list[dict]:
    """Navigation items for this user: dicts with 'label', 'url' and 'active_prefix'."""
    return []
