using System.Globalization;
using Aither.Service.Api.Rest;
using Aither.Service.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Aither.Service.Api.OpenApi;

/// <summary>
/// Turns the document gRPC's Swagger support generates from the transcoding metadata (routes, parameters, proto
/// comments) into the REST face the service really has: every answer in the envelope with its real status (202
/// for a started sync), every error code with its status, the auth schemes read from the endpoints' policies, and
/// examples made by the service's own mapping.
/// </summary>
internal sealed class RestDocumentFilter(ProtoComments comments) : IDocumentFilter
{
    public const string AdminTokenScheme = "adminToken";
    public const string ClerkSessionScheme = "clerkSession";
    public const string CronSecretScheme = "cronSecret";

    /// <summary>Codes every authenticated route can answer, whatever the RPC.</summary>
    private static readonly string[] SharedErrorCodes =
    [
        ApiErrors.UnauthenticatedReason,
        ApiErrors.ForbiddenReason,
        ApiErrors.RateLimitedReason,
        ApiError.Internal.Code,
        ApiErrors.StateUnavailableReason,
    ];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        // The generated schemas are transcoding's JSON (enum names, no envelope); the REST face answers differently.
        var schemas = swaggerDoc.Components.Schemas;
        schemas.Clear();
        RestSchemas.AddEnvelope(schemas);
        foreach (var (id, message, textEnums, extra) in RestOperations.DataSchemas())
        {
            var schema = RestSchemas.FromMessage(message, comments, textEnums);
            foreach (var (name, schemaId) in extra)
            {
                schema.Properties[name] = RestSchemas.Ref(schemaId);
                schema.Required.Add(name);
            }

            schemas[id] = schema;
        }

        swaggerDoc.Components.SecuritySchemes = SecuritySchemes();
        foreach (var description in context.ApiDescriptions)
        {
            var transcoding = description.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault();
            if (transcoding is null)
            {
                continue;
            }

            var path = swaggerDoc.Paths["/" + description.RelativePath];
            var operation = path.Operations[Enum.Parse<OperationType>(description.HttpMethod!, ignoreCase: true)];
            var rest = RestOperations.For(transcoding.MethodDescriptor);
            operation.OperationId = transcoding.MethodDescriptor.Name;
            SplitSummary(operation);
            operation.Responses = Responses(rest, operation, description.HttpMethod!);
            foreach (var success in rest.Responses)
            {
                RestSchemas.AddSuccessEnvelope(schemas, success.DataSchemaId);
            }

            operation.Security = Security(description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>());
        }
    }

    /// <summary>The proto comment's first paragraph is the summary, the rest the description.</summary>
    private static void SplitSummary(OpenApiOperation operation)
    {
        var text = ProtoComments.Clean(operation.Summary ?? "");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        operation.Summary = split < 0 ? text : text[..split];
        operation.Description = split < 0 ? operation.Description : text[(split + 2)..];
    }

    private static OpenApiResponses Responses(RestOperation rest, OpenApiOperation operation, string httpMethod)
    {
        var responses = new OpenApiResponses();
        foreach (var success in rest.Responses)
        {
            responses[success.StatusCode.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = success.Description,
                Content = Json(RestSchemas.Ref(RestSchemas.EnvelopeId(success.DataSchemaId)), RestExamples.SuccessEnvelope(success.ExampleData), success.MediaType),
            };
        }

        var codes = SharedErrorCodes.Concat(rest.ErrorCodes).ToList();
        if (operation.Parameters.Count > 0)
        {
            codes.Add("INVALID_ARGUMENT");
        }

        if (HttpMethods.IsPost(httpMethod))
        {
            codes.Add(ApiError.PayloadTooLarge.Code);
        }

        foreach (var group in codes.Select(ApiErrorCatalog.Get).GroupBy(c => c.StatusCode!.Value).OrderBy(g => g.Key))
        {
            var response = new OpenApiResponse
            {
                Description = string.Join("; ", group.Select(c => $"`{c.Code}`: {c.Meaning}")),
                Content = Json(RestSchemas.ErrorEnvelopeWith(group.Select(c => c.Code)), RestExamples.ErrorEnvelope(group.First())),
            };
            if (group.Key == StatusCodes.Status429TooManyRequests)
            {
                response.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds until the failed-authentication window ends",
                    Schema = new OpenApiSchema { Type = "integer" },
                };
            }

            responses[group.Key.ToString(CultureInfo.InvariantCulture)] = response;
        }

        responses["default"] = new OpenApiResponse
        {
            Description = "Any other failure, e.g. 405 for a method the path does not take; see ErrorCode for every code and its status",
            Content = Json(RestSchemas.Ref(RestSchemas.ErrorEnvelope), RestExamples.ErrorEnvelope(ApiErrorCatalog.Get(ApiError.Internal.Code))),
        };
        return responses;
    }

    private static Dictionary<string, OpenApiMediaType> Json(OpenApiSchema schema, string example, string mediaType = RestOperations.Json) => new(StringComparer.Ordinal)
    {
        [mediaType] = new OpenApiMediaType { Schema = schema, Example = OpenApiAnyFactory.CreateFromJson(example) },
    };

    private static List<OpenApiSecurityRequirement> Security(IEnumerable<IAuthorizeData> authorize)
    {
        var policies = authorize.Select(a => a.Policy).ToHashSet(StringComparer.Ordinal);
        if (policies.Count == 0)
        {
            return [];
        }

        List<OpenApiSecurityRequirement> alternatives = [Requirement(AdminTokenScheme), Requirement(ClerkSessionScheme)];
        if (policies.SetEquals([AuthPolicies.CronTrigger]))
        {
            alternatives.Add(Requirement(CronSecretScheme));
        }
        else if (!policies.SetEquals([AuthPolicies.Admin]))
        {
            throw new InvalidOperationException($"No OpenAPI security for the policies {string.Join(", ", policies)}");
        }

        return alternatives;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme) => new()
    {
        [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = scheme } }] = [],
    };

    private static Dictionary<string, OpenApiSecurityScheme> SecuritySchemes() => new(StringComparer.Ordinal)
    {
        [AdminTokenScheme] = new()
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A static admin token from AITHER_ADMIN_TOKEN: `Authorization: Bearer <token>`",
        },
        [ClerkSessionScheme] = new()
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A Clerk session token (issuer CLERK_ISSUER) whose role is `admin`: `Authorization: Bearer <jwt>`",
        },
        [CronSecretScheme] = new()
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "CRON_SECRET: `Authorization: Bearer <secret>`; opens GET /api/cron/sync only",
        },
    };
}
