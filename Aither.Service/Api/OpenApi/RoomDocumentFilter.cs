using Aither.Service.Room;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Aither.Service.Api.OpenApi;

/// <summary>
/// Adds the room page to the document: <c>GET</c>/<c>HEAD /room</c> and the redirect <c>GET /</c>. They are minimal
/// endpoints outside the envelope, so nothing is generated for them; this describes what they answer, the viewer
/// credentials (Basic password or Bearer token) and that they answer 404 while the page is off.
/// </summary>
internal sealed class RoomDocumentFilter : IDocumentFilter
{
    public const string ViewerBasicScheme = "roomViewerBasic";
    public const string ViewerBearerScheme = "roomViewerBearer";
    public const string Tag = "Room";

    private const string Off = "The room page is off: ROOM_VIEWER_TOKENS is not set";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemes = swaggerDoc.Components.SecuritySchemes;
        schemes[ViewerBasicScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "A viewer token from ROOM_VIEWER_TOKENS (or an admin token) as the password of HTTP Basic authentication, with any user name; for browsers and kiosks",
        };
        schemes[ViewerBearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A viewer token from ROOM_VIEWER_TOKENS: `Authorization: Bearer <token>`",
        };

        swaggerDoc.Tags ??= [];
        swaggerDoc.Tags.Add(new OpenApiTag { Name = Tag, Description = "The course page for the screen in the training room" });
        swaggerDoc.Paths[RoomEndpoint.Path] = new OpenApiPathItem
        {
            Operations =
            {
                [OperationType.Get] = Room("GetRoomPage", "The current course page", withBody: true),
                [OperationType.Head] = Room("HeadRoomPage", "Whether the page changed: the answers of GET without a body (the page's own refresh check)", withBody: false),
            },
        };
        swaggerDoc.Paths["/"] = new OpenApiPathItem
        {
            Operations =
            {
                [OperationType.Get] = new OpenApiOperation
                {
                    OperationId = "RedirectToRoomPage",
                    Summary = "Redirects to the room page, so the bare host name is enough on a kiosk",
                    Tags = [new OpenApiTag { Name = Tag }],
                    Responses = new OpenApiResponses
                    {
                        ["302"] = new OpenApiResponse
                        {
                            Description = "To the room page",
                            Headers = { ["Location"] = Header("`/room`") },
                        },
                        ["404"] = new OpenApiResponse { Description = Off },
                    },
                },
            },
        };
    }

    private static OpenApiOperation Room(string operationId, string summary, bool withBody) => new()
    {
        OperationId = operationId,
        Summary = summary,
        Description = "The page the last successful sync stored in the state store (byte for byte the file it wrote to "
            + "HTML_OUTPUT_DIR) plus one refresh script; a German placeholder before the first sync and when the last "
            + "successful sync found no upcoming course. Every instance sharing the store serves the same bytes and ETag.",
        Tags = [new OpenApiTag { Name = Tag }],
        Security =
        [
            Requirement(ViewerBasicScheme),
            Requirement(ViewerBearerScheme),
            Requirement(RestDocumentFilter.AdminTokenScheme),
            Requirement(RestDocumentFilter.ClerkSessionScheme),
        ],
        Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = withBody ? "The page" : "The page changed (or was never seen): load it",
                Content = withBody
                    ? new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["text/html"] = new() { Schema = new OpenApiSchema { Type = "string" } } }
                    : [],
                Headers =
                {
                    ["ETag"] = Header("Strong ETag of the served bytes, the same on every instance"),
                    ["Cache-Control"] = Header("`private, no-cache`"),
                    ["Content-Security-Policy"] = Header("Admits exactly the page's inline style and its one script, by hash"),
                },
            },
            ["304"] = new OpenApiResponse
            {
                Description = "`If-None-Match` names the current ETag: the page is unchanged",
                Headers = { ["ETag"] = Header("The current ETag") },
            },
            ["401"] = new OpenApiResponse
            {
                Description = "No or wrong credentials",
                Headers = { ["WWW-Authenticate"] = Header($"`{RoomAuth.Challenge}`, so a browser shows its login prompt") },
            },
            ["403"] = new OpenApiResponse { Description = "A Clerk session without the admin role, or the cron secret" },
            ["404"] = new OpenApiResponse { Description = Off },
            ["429"] = new OpenApiResponse
            {
                Description = "Too many failed authentications from this address (AUTH_FAILURE_LIMIT per AUTH_FAILURE_WINDOW_SECONDS), even with a valid token",
                Headers = { ["Retry-After"] = new OpenApiHeader { Description = "Seconds until the failed-authentication window ends", Schema = new OpenApiSchema { Type = "integer" } } },
            },
            ["503"] = new OpenApiResponse
            {
                Description = "The state store cannot be reached and this instance has not loaded the page yet",
                Headers = { ["Retry-After"] = new OpenApiHeader { Description = "Seconds until the store is asked again", Schema = new OpenApiSchema { Type = "integer" } } },
            },
        },
    };

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = "string" } };

    private static OpenApiSecurityRequirement Requirement(string scheme) => new()
    {
        [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = scheme } }] = [],
    };
}
