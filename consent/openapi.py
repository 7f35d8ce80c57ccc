"""The OpenAPI 3 description of the integration API, served at /api/openapi.json.

Hand-written and kept exact (status codes, schemas, the auth header): it is checked against the
implementation by schemathesis.
"""

from .publications.openapi import PATHS as _PUBLICATION_PATHS
from .publications.openapi import SCHEMAS as _PUBLICATION_SCHEMAS

ERROR = {"$ref": "#/components/schemas/Error"}


def _error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


UNAUTHORIZED = {
    "description": "No token, an unknown token or a revoked token.",
    "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
    "content": {"application/json": {"schema": ERROR}},
}

CHANNEL = {"name": "channel", "in": "query", "required": True, "description": "The channel's code, e.g. website",
                     "schema": {"type": "string", "pattern": "^[a-z0-9-]{1,40}$"}}

ANSWER_RESPONSES = {
    "200": {
        "description": "Pupil ids and whether each may be shown; nothing else.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ConsentAnswer"}}},
    },
    "400": _error_response("A parameter is missing or malformed."),
    "401": UNAUTHORIZED,
    "403": _error_response("This token may not ask about this channel."),
    "404": _error_response("Unknown channel or unknown group."),
}

SPEC = {
    "openapi": "3.0.3",
    "info": {
        "title": "Julianaschool toestemming API",
        "version": "1.0.0",
        "description": (
            "Read-only answers for the tools that publish photos, films and sound recordings "
            "(website, newsletter): may these pupils be shown on this channel? Answers hold pupil "
            "ids and true/false only. Each integration has its own token, created and revoked by "
            "directie, and may only ask about the channels it was given."
        ),
    },
    "servers": [{"url": "/api"}],
    "security": [{"bearerAuth": []}],
    "paths": {
        "/v1/channels": {
            "get": {
                "operationId": "listChannels",
                "summary": "The channels this token may ask about",
                "responses": {
                    "200": {
                        "description": "The active channels in this token's scope.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChannelList"}}},
                    },
                    "401": UNAUTHORIZED,
                },
            }
        },
        "/v1/consent/group": {
            "get": {
                "operationId": "getGroupConsent",
                "summary": "May the pupils of this group be shown on this channel?",
                "description": (
                    "One entry per pupil currently in the group (pupils who left are not listed). "
                    "A retired channel answers false for everyone."
                ),
                "parameters": [
                    CHANNEL,
                    {"name": "group", "in": "query", "required": True, "description": "The group's id",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 999999999999999}},
                ],
                "responses": ANSWER_RESPONSES,
            }
        },
        "/v1/consent/pupils": {
            "get": {
                "operationId": "getPupilsConsent",
                "summary": "May these pupils be shown on this channel?",
                "description": (
                    "One entry per distinct id asked about, in the order asked. Unknown ids and pupils "
                    "who left the school are answered with false. A retired channel answers false for everyone."
                ),
                "parameters": [
                    CHANNEL,
                    {"name": "pupils", "in": "query", "required": True,
                     "description": "Comma-separated pupil ids, e.g. 12,15,31",
                     "schema": {"type": "string", "maxLength": 1999, "pattern": "^[0-9]{1,15}(,[0-9]{1,15})*$"}},
                ],
                "responses": ANSWER_RESPONSES,
            }
        },
    },
    "components": {
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer",
                           "description": "Authorization: Bearer <token of the integration>"},
        },
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
                "additionalProperties": False,
            },
            "Channel": {
                "type": "object",
                "required": ["channel", "name", "public"],
                "properties": {
                    "channel": {"type": "string"},
                    "name": {"type": "string"},
                    "public": {"type": "boolean"},
                },
                "additionalProperties": False,
            },
            "ChannelList": {
                "type": "object",
                "required": ["channels"],
                "properties": {"channels": {"type": "array", "items": {"$ref": "#/components/schemas/Channel"}}},
                "additionalProperties": False,
            },
            "PupilAnswer": {
                "type": "object",
                "required": ["id", "allowed"],
                "properties": {"id": {"type": "integer"}, "allowed": {"type": "boolean"}},
                "additionalProperties": False,
            },
            "ConsentAnswer": {
                "type": "object",
                "required": ["channel", "pupils"],
                "properties": {
                    "channel": {"type": "string"},
                    "pupils": {"type": "array", "items": {"$ref": "#/components/schemas/PupilAnswer"}},
                },
                "additionalProperties": False,
            },
        },
    },
}

# The publications API (issue 16): register a publication, poll and close takedowns; and the
# scopes every token now has (read; publish).

SPEC["paths"].update(_PUBLICATION_PATHS)
SPEC["components"]["schemas"].update(_PUBLICATION_SCHEMAS)
SPEC["paths"]["/v1/channels"]["get"]["responses"]["403"] = _error_response("This token lacks the read scope.")
SPEC["info"]["description"] += (
    " Tokens have scopes: read (the consent answers, open takedowns) and publish (register a "
    "publication, mark a takedown done). /v1/consent/pupils is the check before publishing."
)
