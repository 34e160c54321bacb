using Aither.Service.Hosting;

var builder = WebApplication.CreateBuilder(AppHostOptions.Create(args));

builder.Logging.AddAitherLogging(builder.Environment);

builder.Services.AddAitherApi();
builder.Services.AddAitherAuth(builder.Configuration);
builder.Services.AddAitherMonitoring(builder.Configuration, builder.Environment);
builder.Services.AddAitherSyncCoordinator(builder.Configuration);
builder.Services.AddAitherOutput(builder.Configuration);
builder.Services.AddAitherScheduling(builder.Configuration);
builder.Services.AddAitherPipeline(builder.Configuration);
builder.Services.AddAitherHemera(builder.Configuration, builder.Environment);
builder.Services.AddAitherPersonalDataGuard(); // last: wraps whichever Hemera catalogue was registered

var app = builder.Build();

app.MapAitherApi();
app.MapAitherHealth();

return StartupFailure.Run(app);

public partial class Program;
