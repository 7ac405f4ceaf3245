using Mesh.ServiceDefaults;
using Mesh.VisionEncoder;
using Mesh.VisionEncoder.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddVisionEncoder();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<VisionEncoderService>();
app.Run();
