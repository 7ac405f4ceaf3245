using Mesh.Decoder;
using Mesh.Decoder.Grpc;
using Mesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDecoder();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<DecoderService>();
app.Run();

/// <summary>Entry point, visible to in-process tests.</summary>
public partial class Program;
