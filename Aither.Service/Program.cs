using Aither.Service.Hosting;

var builder = WebApplication.CreateBuilder(AppHostOptions.Create(args));

builder.AddAither();

var app = builder.Build();

app.MapAither();

return StartupFailure.Run(app);

public partial class Program;
