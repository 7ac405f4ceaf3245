using Mesh.ServiceDefaults;
using Mesh.VisionEncoder;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddVisionEncoder();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapVisionEncoder();
app.Run();
