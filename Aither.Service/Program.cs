using Aither.Service.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAitherApi();
builder.Services.AddAitherAuth(builder.Configuration);
builder.Services.AddAitherSyncCoordinator(builder.Configuration);
builder.Services.AddAitherOutput(builder.Configuration);
builder.Services.AddAitherScheduling(builder.Configuration);
builder.Services.AddAitherPipeline(builder.Configuration);
builder.Services.AddAitherHemera(builder.Configuration, builder.Environment);

var app = builder.Build();

app.MapAitherApi();

return StartupFailure.Run(app);

public partial class Program;
