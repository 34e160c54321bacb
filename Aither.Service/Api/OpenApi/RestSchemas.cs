using System.Globalization;
using System.Text;
using Aither.Service.Api.Rest;
using Google.Protobuf.Reflection;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;

namespace Aither.Service.Api.OpenApi;

/// <summary>The envelope's schemas, and the <c>data</c> schemas read from the proto messages the way <see cref="RestContract"/> writes them.</summary>
internal static class RestSchemas
{
    public const string Meta = "Meta";
    public const string ErrorCode = "ErrorCode";
    public const string Error = "Error";
    public const string ErrorEnvelope = "ErrorEnvelope";

    public static OpenApiSchema Ref(string id) => new() { Reference = new OpenApiReference { Type = ReferenceType.Schema, Id = id } };

    public static string EnvelopeId(string dataSchemaId) => dataSchemaId + "Envelope";

    public static void AddEnvelope(IDictionary<string, OpenApiSchema> schemas)
    {
        schemas[Meta] = Object(
            "Sent with every answer under /api.",
            ("requestId", new OpenApiSchema
            {
                Type = "string",
                Pattern = "^[A-Za-z0-9._-]{1,64}$",
                Description = "The request's id, also in the X-Request-ID response header: a well-formed incoming X-Request-ID, else `req-<16 hex digits>`",
            }),
            ("timestamp", DateTime("When the answer was written (UTC)")));
        schemas[ErrorCode] = new OpenApiSchema
        {
            Type = "string",
            Enum = ApiErrorCatalog.Codes.Select(c => (IOpenApiAny)new OpenApiString(c.Code)).ToList(),
            Description = ErrorCodeTable(),
        };
        schemas[Error] = Object(
            "What went wrong. Never holds secrets or participant data.",
            ("code", Ref(ErrorCode)),
            ("message", new OpenApiSchema { Type = "string", Description = "For humans; may change, unlike `code`" }));
        schemas[ErrorEnvelope] = Object(
            "The answer to a failed call.",
            ("success", Constant(false)),
            ("error", Ref(Error)),
            ("meta", Ref(Meta)));
    }

    public static void AddSuccessEnvelope(IDictionary<string, OpenApiSchema> schemas, string dataSchemaId) =>
        schemas[EnvelopeId(dataSchemaId)] = Object(
            "The answer to a successful call.",
            ("success", Constant(true)),
            ("data", Ref(dataSchemaId)),
            ("meta", Ref(Meta)));

    /// <summary>An error envelope whose code is one of <paramref name="codes"/>.</summary>
    public static OpenApiSchema ErrorEnvelopeWith(IEnumerable<string> codes) => new()
    {
        AllOf =
        [
            Ref(ErrorEnvelope),
            new OpenApiSchema
            {
                Properties = new Dictionary<string, OpenApiSchema>(StringComparer.Ordinal)
                {
                    ["error"] = new()
                    {
                        Properties = new Dictionary<string, OpenApiSchema>(StringComparer.Ordinal)
                        {
                            ["code"] = new() { Enum = codes.Select(c => (IOpenApiAny)new OpenApiString(c)).ToList() },
                        },
                    },
                },
            },
        ],
    };

    /// <summary>
    /// Every field of the message, all keys always present (the contract writes JSON null rather than leave one out):
    /// proto3 <c>optional</c> fields and unset timestamps are null, timestamps are RFC 3339 text, enums are lower-case words.
    /// </summary>
    public static OpenApiSchema FromMessage(MessageDescriptor message, ProtoComments comments, IReadOnlyDictionary<string, IReadOnlyList<string>> textEnums)
    {
        var schema = Object(comments.For(message));
        foreach (var field in message.Fields.InFieldNumberOrder())
        {
            var property = FieldSchema(field, textEnums);
            property.Description = comments.For(field);

            schema.Properties[field.JsonName] = property;
            schema.Required.Add(field.JsonName);
        }

        return schema;
    }

    private static OpenApiSchema FieldSchema(FieldDescriptor field, IReadOnlyDictionary<string, IReadOnlyList<string>> textEnums)
    {
        OpenApiSchema item = field.FieldType switch
        {
            FieldType.String => new() { Type = "string" },
            FieldType.Bool => new() { Type = "boolean" },
            FieldType.Int32 => new() { Type = "integer", Format = "int32" },
            FieldType.Int64 => new() { Type = "integer", Format = "int64" },
            FieldType.Enum when textEnums.TryGetValue(field.JsonName, out var words) =>
                new() { Type = "string", Enum = words.Select(w => (IOpenApiAny)new OpenApiString(w)).ToList() },
            FieldType.Message when field.MessageType.FullName == "google.protobuf.Timestamp" =>
                new() { Type = "string", Format = "date-time", Nullable = !RestOperations.IsAlwaysSet(field) },
            FieldType.Message => Ref(field.MessageType.Name),
            _ => throw new InvalidOperationException($"No REST schema for {field.FullName} ({field.FieldType})"),
        };
        if (field.IsRepeated)
        {
            return new OpenApiSchema { Type = "array", Items = item };
        }

        // proto3 `optional` scalars: RestContract writes null when unset.
        if ((field.HasPresence && field.FieldType != FieldType.Message) || RestOperations.IsNullWhenEmpty(field))
        {
            item.Nullable = true;
        }

        return item;
    }

    private static OpenApiSchema Object(string? description, params (string Name, OpenApiSchema Schema)[] properties)
    {
        var schema = new OpenApiSchema
        {
            Type = "object",
            Description = description,
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, OpenApiSchema>(StringComparer.Ordinal),
            Required = new SortedSet<string>(StringComparer.Ordinal),
        };
        foreach (var (name, property) in properties)
        {
            schema.Properties[name] = property;
            schema.Required.Add(name);
        }

        return schema;
    }

    private static OpenApiSchema Constant(bool value) => new() { Type = "boolean", Enum = [new OpenApiBoolean(value)] };

    private static OpenApiSchema DateTime(string description) => new() { Type = "string", Format = "date-time", Description = description };

    private static string ErrorCodeTable()
    {
        var table = new StringBuilder("A stable, machine-readable code; each comes with one HTTP status.\n\n| Code | HTTP status | When |\n|---|---|---|\n");
        foreach (var code in ApiErrorCatalog.Codes)
        {
            table.Append(CultureInfo.InvariantCulture, $"| `{code.Code}` | {code.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "4xx"} | {code.Meaning} |\n");
        }

        return table.ToString();
    }
}
