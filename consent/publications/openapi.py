"""The OpenAPI paths and schemas of the publications API, merged into consent.openapi.SPEC."""

ERROR = {"$ref": "#/components/schemas/Error"}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def _ok(description: str, schema: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


UNAUTHORIZED = {
    "description": "No token, an unknown token or a revoked token.",
    "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
    "content": {"application/json": {"schema": ERROR}},
}
CHANNEL = {"name": "channel", "in": "query", "required": True, "description": "The channel's code, e.g. website",
           "schema": {"type": "string", "pattern": "^[a-z0-9-]{1,40}$"}}

PATHS = {
    "/v1/publications": {
        "post": {
            "operationId": "registerPublication",
            "summary": "Register a publication and the pupils on it (scope: publish)",
            "description": (
                "The portal checks every pupil at this moment and keeps the outcome with the ledger "
                "records it relied on. A pupil who may not be shown can only be registered with "
                "recognisable false (made unrecognisable): otherwise 409 and nothing is registered. "
                "No image is sent or stored."
            ),
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/PublicationIn"}}}},
            "responses": {
                "201": _ok("Registered.", "PublicationOut"),
                "400": _error("The body is malformed."),
                "401": UNAUTHORIZED,
                "403": _error("This token may not publish, or not on this channel."),
                "404": _error("Unknown channel or unknown pupil."),
                "409": _error("A pupil who may not be shown is registered as recognisable."),
            },
        }
    },
    "/v1/takedowns": {
        "get": {
            "operationId": "listOpenTakedowns",
            "summary": "Open takedowns on a channel (scope: read)",
            "description": "Publications that show a pupil who may no longer be shown, with the date they are due.",
            "parameters": [CHANNEL],
            "responses": {
                "200": _ok("The open takedowns, soonest due first.", "TakedownList"),
                "400": _error("A parameter is missing or malformed."),
                "401": UNAUTHORIZED,
                "403": _error("This token may not ask about this channel."),
                "404": _error("Unknown channel."),
            },
        }
    },
    "/v1/takedowns/{id}/done": {
        "post": {
            "operationId": "markTakedownDone",
            "summary": "Mark a takedown done (scope: publish)",
            "parameters": [{"name": "id", "in": "path", "required": True, "description": "The takedown's id",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 999999999999999}}],
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/TakedownDoneIn"}}}},
            "responses": {
                "200": _ok("Recorded, with this token as who did it.", "TakedownDoneOut"),
                "400": _error("The body is malformed."),
                "401": UNAUTHORIZED,
                "403": _error("This token may not publish."),
                "404": _error("Unknown takedown, or not on this token's channels."),
                "409": _error("The takedown was already done."),
            },
        }
    },
}

SCHEMAS = {
    "PublicationIn": {
        "type": "object",
        "required": ["channel", "title", "date", "pupils"],
        "properties": {
            "channel": {"type": "string", "pattern": "^[a-z0-9-]{1,40}$"},
            "title": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[^\\x00]*[^\\s\\x00][^\\x00]*$"},
            "date": {"type": "string", "format": "date"},
            "location": {"type": "string", "maxLength": 500, "pattern": "^[^\\x00]*$",
                         "description": "URL or a short description"},
            "pupils": {"type": "array", "maxItems": 500, "items": {
                "type": "object", "required": ["id", "recognisable"],
                "properties": {"id": {"type": "integer", "minimum": 1, "maximum": 999999999999999},
                               "recognisable": {"type": "boolean"}},
                "additionalProperties": False}},
        },
        "additionalProperties": False,
    },
    "PublicationOut": {
        "type": "object",
        "required": ["id", "channel", "pupils"],
        "properties": {
            "id": {"type": "integer"},
            "channel": {"type": "string"},
            "pupils": {"type": "array", "items": {
                "type": "object", "required": ["id", "allowed", "recognisable"],
                "properties": {"id": {"type": "integer"}, "allowed": {"type": "boolean"},
                               "recognisable": {"type": "boolean"}},
                "additionalProperties": False}},
        },
        "additionalProperties": False,
    },
    "Takedown": {
        "type": "object",
        "required": ["id", "publication", "title", "location", "pupil", "due", "reason"],
        "properties": {
            "id": {"type": "integer"},
            "publication": {"type": "integer"},
            "title": {"type": "string"},
            "location": {"type": "string"},
            "pupil": {"type": "integer", "nullable": True, "description": "null for a staff member"},
            "due": {"type": "string", "format": "date"},
            "reason": {"type": "string", "enum": ["ingetrokken", "ouder_nee", "opnieuw_gevraagd", "uitgeschreven"]},
        },
        "additionalProperties": False,
    },
    "TakedownList": {
        "type": "object",
        "required": ["channel", "takedowns"],
        "properties": {"channel": {"type": "string"},
                       "takedowns": {"type": "array", "items": {"$ref": "#/components/schemas/Takedown"}}},
        "additionalProperties": False,
    },
    "TakedownDoneIn": {
        "type": "object",
        "required": ["outcome"],
        "properties": {"outcome": {"type": "string", "enum": ["verwijderd", "onherkenbaar"]},
                       "note": {"type": "string", "maxLength": 2000, "pattern": "^[^\\x00]*$"}},
        "additionalProperties": False,
    },
    "TakedownDoneOut": {
        "type": "object",
        "required": ["id", "done", "outcome"],
        "properties": {"id": {"type": "integer"}, "done": {"type": "boolean"}, "outcome": {"type": "string"}},
        "additionalProperties": False,
    },
}
