"""The API's documentation page, made on the server from the OpenAPI description.

Swedish public-sector pages must pass WCAG 2.1 AA and our CSP allows scripts only from our own
origin, so instead of Swagger UI the page is plain HTML: each operation with its parameters
and answers, and each schema with its fields, all read from ``api.get_openapi_schema()`` so
the page can never disagree with /api/v1/openapi.json.
"""

from dataclasses import dataclass, field


@dataclass
class Row:
    name: str
    type: str
    required: bool
    description: str = ""
    link: str = ""  # the schema this row's type names, for a link to it


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    anchor: str
    parameters: list[Row] = field(default_factory=list)
    responses: list[Row] = field(default_factory=list)


@dataclass
class Component:
    name: str
    anchor: str
    fields: list[Row]


def type_text(schema: dict) -> str:
    """A short human description of a JSON schema: "integer, 1–500", "Project or null"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(type_text(option) for option in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_text(schema.get('items', {}))}"
    if "format" in schema:
        kind = f"{kind} ({schema['format']})"
    bounds = []
    if "minimum" in schema or "maximum" in schema:
        bounds.append(f"{schema.get('minimum', '')}–{schema.get('maximum', '')}")
    if "maxLength" in schema:
        bounds.append(f"at most {schema['maxLength']} characters")
    return ", ".join([kind, *bounds])


def schema_name(schema: dict) -> str:
    """The component a schema refers to, directly or as a list's items ("" if none)."""
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1]


def describe(openapi: dict) -> tuple[list[Operation], list[Component]]:
    operations = []
    for path, methods in openapi.get("paths", {}).items():
        for method, spec in methods.items():
            operation = Operation(
                method=method.upper(),
                path=path,
                summary=spec.get("summary", ""),
                anchor=spec.get("operationId", f"{method}-{path}"),
            )
            for parameter in spec.get("parameters", []):
                operation.parameters.append(Row(
                    name=f"{parameter['name']} ({parameter['in']})",
                    type=type_text(parameter.get("schema", {})),
                    required=parameter.get("required", False),
                    description=parameter.get("description", parameter.get("schema", {}).get("description", "")),
                ))
            for status, answer in spec.get("responses", {}).items():
                content = answer.get("content", {}).get("application/json", {})
                schema = content.get("schema", {})
                operation.responses.append(Row(
                    name=status, type=type_text(schema), required=False, description=answer.get("description", ""),
                    link=schema_name(schema),
                ))
            operations.append(operation)
    components = []
    for name, schema in openapi.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        rows = [
            Row(name=prop, type=type_text(spec), required=prop in required, description=spec.get("description", ""))
            for prop, spec in schema.get("properties", {}).items()
        ]
        components.append(Component(name=name, anchor=f"schema-{name}", fields=rows))
    return operations, components
