using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// The service's OpenAPI document as a validator: finds the operation and response for an answer and checks its
/// body against the response's schema (OpenAPI 3.0 schemas turned into JSON Schema 2020-12: <c>nullable</c>
/// becomes a "null" type, component references become <c>$defs</c>).
/// </summary>
public sealed class OpenApiContract
{
    private static readonly ConcurrentDictionary<string, OpenApiContract> Cache = new(StringComparer.Ordinal);
    private static int _schemaIds;

    private readonly JsonObject _document;
    private readonly JsonObject _defs;
    private readonly List<(Regex Pattern, string Template)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    private OpenApiContract(string json)
    {
        _document = JsonNode.Parse(json)!.AsObject();
        _defs = Convert(_document["components"]!["schemas"]!.DeepClone()).AsObject();
        _paths = _document["paths"]!.AsObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.CultureInvariant), p.Key))
            .ToList();
    }

    public JsonObject Document => _document;

    public static OpenApiContract Parse(string json) => Cache.GetOrAdd(json, j => new OpenApiContract(j));

    /// <summary>The document template matching a request path, or null.</summary>
    public string? TemplateFor(string path) => _paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Template;

    /// <summary>Fails (with every violation listed) when the answer is not one the document describes.</summary>
    public void AssertValid(HttpMethod method, string path, int statusCode, string? mediaType, string body)
    {
        var status = statusCode.ToString(CultureInfo.InvariantCulture);
        var template = TemplateFor(path);
        JsonNode? schema;
        string where;
        if (template is null || _document["paths"]![template]![method.Method.ToLowerInvariant()] is not JsonObject operation)
        {
            // No operation for this path and method: only the envelope's error answer (404, 405) is allowed.
            Assert.True(statusCode >= 400, $"{method} {path} answered {status}, but the document has no such operation");
            schema = new JsonObject { ["$ref"] = "#/components/schemas/ErrorEnvelope" };
            where = $"{method} {path} (no operation) {status}";
        }
        else
        {
            var responses = operation["responses"]!.AsObject();
            var response = responses[status] ?? (statusCode >= 400 ? responses["default"] : null);
            Assert.True(response is not null, $"{method} {template} answered {status}, which the document does not list");
            var content = response!["content"]?.AsObject();
            if (content is null)
            {
                Assert.True(body.Length == 0, $"{method} {template} {status} has no content in the document but answered a body");
                return;
            }

            Assert.True(mediaType is not null && content.ContainsKey(mediaType), $"{method} {template} {status} answered {mediaType}, the document lists {string.Join(", ", content.Select(c => c.Key))}");
            schema = content[mediaType!]!["schema"];
            where = $"{method} {template} {status}";
        }

        if (mediaType == "application/x-ndjson" && schema is not null)
        {
            // An event stream: every line is the success envelope, except a last error line (an ordinary error envelope).
            var errorEnvelope = new JsonObject { ["$ref"] = "#/components/schemas/ErrorEnvelope" };
            foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var failed = JsonNode.Parse(line)?["success"]?.GetValue<bool>() == false;
                AssertValid(failed ? errorEnvelope : schema, line, where);
            }

            return;
        }

        if (mediaType != "application/json" || schema is null)
        {
            return;
        }

        AssertValid(schema, body, where);
    }

    private void AssertValid(JsonNode schema, string body, string where)
    {
        var result = SchemaFor(schema).Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
            Assert.Fail($"{where} does not match the OpenAPI document:\n{string.Join('\n', errors)}\nBody: {body}");
        }
    }

    private JsonSchema SchemaFor(JsonNode schema)
    {
        var key = schema.ToJsonString();
        return _schemas.GetOrAdd(key, _ =>
        {
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = $"https://aither.test/openapi/{Interlocked.Increment(ref _schemaIds)}",
                ["$defs"] = _defs.DeepClone(),
                ["allOf"] = new JsonArray(Convert(schema.DeepClone())),
            };
            return JsonSchema.FromText(root.ToJsonString());
        });
    }

    private static JsonNode Convert(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/$defs/" + reference.GetValue<string>()["#/components/schemas/".Length..];
                }

                if (obj["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
                {
                    obj.Remove("nullable");
                    if (obj["type"] is JsonValue type)
                    {
                        obj["type"] = new JsonArray(type.GetValue<string>(), "null");
                    }

                    if (obj["enum"] is JsonArray values)
                    {
                        values.Add(null);
                    }
                }

                obj.Remove("example");
                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        Convert(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Convert(child);
                    }
                }

                break;
        }

        return node;
    }
}
