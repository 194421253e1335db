"""Authentication for the REST API: a logged-in session (CSRF-checked) or a bearer token."""

from ninja.security import SessionAuth

api_auth = [SessionAuth(csrf=True)]
