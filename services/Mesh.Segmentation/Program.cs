using Mesh.Segmentation;
using Mesh.Segmentation.Grpc;
using Mesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSegmentation();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<SegmentationService>();
app.Run();

/// <summary>Entry point, visible to in-process tests.</summary>
public partial class Program;
