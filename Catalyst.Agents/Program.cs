using Catalyst.Agents.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAgentWorker();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
