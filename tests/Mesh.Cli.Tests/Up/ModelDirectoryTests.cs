using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Catalog;
using Mesh.Cli.Up;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.Contracts.Vision.V1;

namespace Mesh.Cli.Tests.Up;

/// <summary>
/// <c>mesh up --model DIR</c> on a model <c>mesh import</c> writes from the Hugging Face format tiny-llava fixture: the
/// vision encoder and the decoder both serve it, ModelInfo says so through the gateway, and a knockout describe runs.
/// </summary>
public sealed class ModelDirectoryTests
{
    [Fact]
    public async Task AnImportedModelIsServedByEveryServiceThatLoadsOneThroughTheGateway()
    {
        var layout = RepositoryLayout.Current();
        var work = Directory.CreateTempSubdirectory("mesh-own-model-");
        try
        {
            string model = Path.Combine(work.FullName, "my-llava");
            var (importExit, importOutput) = await MeshCli.RunAsync(["import", Path.Combine(layout.Root, "tests", "fixtures", "tiny-llava"), model]);
            Assert.True(importExit == 0, importOutput);

            var options = new LaunchOptions(Build: false, FreePorts: true, ReadyTimeout: TimeSpan.FromSeconds(120), ModelDirectory: model);
            await using var mesh = await new MeshLauncher(layout, options, _ => { })
                .StartAsync([MeshServices.VisionEncoder, MeshServices.Decoder], CancellationToken.None);
            using var channel = GrpcChannel.ForAddress(mesh.Gateway.Ports.GrpcAddress);

            var info = await new Decoder.DecoderClient(channel).GetModelInfoAsync(new GetModelInfoRequest());
            var vision = await new VisionEncoder.VisionEncoderClient(channel).GetInfoAsync(new GetInfoRequest());
            Assert.Equal("my-llava", info.ModelName);
            Assert.Equal("my-llava", vision.ModelId);
            Assert.Equal(4, info.NumLayers);

            // The imported model has no tokenizer: its prompt is token ids, <image> marking the image.
            var request = new GenerateRequest
            {
                ImageBytes = Google.Protobuf.ByteString.CopyFrom(await File.ReadAllBytesAsync(Path.Combine(layout.Root, "tests", "fixtures", "tiny-llava", "image.png"))),
                Prompt = new Prompt { Text = "<image> 5 6 7", Verbatim = true },
                Sampling = new SamplingParams { MaxTokens = 3 },
                Trace = new TraceOptions { Level = TraceLevel.Fractions },
                Knockout = Mesh.Experiments.KnockoutCondition.ToProto("img->gen", new LayerSet { FromLayer = 0 }),
            };
            using var call = new Decoder.DecoderClient(channel).Generate(request);
            var events = await call.ResponseStream.ReadAllAsync().ToListAsync();
            Assert.Equal(3, events.Count(e => e.Token is not null));
            Assert.Equal(3, events.Single(e => e.Summary is not null).Summary.GeneratedTokens);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
