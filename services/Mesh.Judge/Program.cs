using Mesh.Judge;
using Mesh.Judge.Grpc;
using Mesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddJudge();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<JudgeService>();
app.Run();

/// <summary>Entry point, visible to in-process tests.</summary>
public partial class Program;
