using Mesh.ContextStore;
using Mesh.ContextStore.Grpc;
using Mesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddContextStore();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<ContextStoreService>();
app.Run();

/// <summary>Entry point, visible to in-process tests.</summary>
public partial class Program;
