using Aither.Sync.V1;
using Microsoft.OpenApi.Models;

namespace Aither.Service.Api.OpenApi;

public static class OpenApiExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>
    /// The OpenAPI 3 document of the REST face, generated from the transcoding metadata and the proto comments
    /// (Microsoft.AspNetCore.Grpc.Swagger) and completed by <see cref="RestDocumentFilter"/>.
    /// </summary>
    public static IHostApplicationBuilder AddAitherOpenApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Aither REST API",
                Version = DocumentName,
                Description = "The REST face of aither.sync.v1.SyncService (gRPC JSON transcoding). Every answer under /api is "
                    + "`{success, data | error, meta}`; error codes and their HTTP statuses are listed under ErrorCode. "
                    + "The room page (`/room`, tag Room) is HTML for the screen in the training room, outside the envelope.",
            });
            // The proto comments reach the document through the XML docs of the project that compiles the proto.
            var protoDocs = Path.Combine(AppContext.BaseDirectory, typeof(SyncService).Assembly.GetName().Name + ".xml");
            if (File.Exists(protoDocs))
            {
                o.IncludeGrpcXmlComments(protoDocs, includeControllerXmlComments: true);
            }

            o.DocumentFilter<RestDocumentFilter>(ProtoComments.Load(protoDocs));
            // After the REST filter, which sets the security schemes the room page adds to.
            o.DocumentFilter<RoomDocumentFilter>();
        });
        return builder;
    }

    /// <summary><c>GET /openapi/v1.json</c>, anonymous; Swagger UI at <c>/swagger</c> in Development only.</summary>
    public static WebApplication MapAitherOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSwagger("/openapi/{documentName}.json");
        if (app.Environment.IsDevelopment())
        {
            UseSwaggerUI(app);
        }

        return app;
    }

    // A method of its own, so that outside Development the Swagger UI assembly is not even loaded.
    private static void UseSwaggerUI(WebApplication app) =>
        app.UseSwaggerUI(o => o.SwaggerEndpoint(DocumentPath, "Aither REST API"));
}
