using System.CommandLine;
using Google.Protobuf;
using Grpc.Net.Client;
using Mesh.Cli.Client;
using Mesh.Clients;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>mesh compress IMAGE</c> keeps a compressed image context in the mesh's context store;
/// <c>mesh ask CONTEXT_ID QUESTION</c> answers from it without the image (docs/paper.md section 7).
/// </summary>
public static class ContextCommands
{
    public static Command Compress()
    {
        var image = new Argument<FileInfo>("image") { Description = "Image file" };
        var address = Address();
        var prompt = new Option<string>("--prompt") { Description = "The describe pass's instruction", DefaultValueFactory = _ => "describe the image" };
        var k = new Option<double>("--k") { Description = "Fraction of image tokens kept per layer, in (0, 1]", DefaultValueFactory = _ => 0.05 }
            .Allowing(v => v > 0 && v <= 1, "in (0, 1]");
        var method = EnumOption.Create("--method", "How each layer's image tokens are ranked", SelectionMethod.Attention,
                                       SelectionMethod.Attention, SelectionMethod.Random, SelectionMethod.Norm, SelectionMethod.Fastv);
        var dtype = EnumOption.Create("--dtype", "How the kept keys and values are stored", DType.F16, DType.F16, DType.Bf16, DType.Int8, DType.F32);
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens of the describe pass (0 = the server's default)", DefaultValueFactory = _ => 0 }
            .AtLeast(0);
        var imageOnly = new Option<bool>("--image-only") { Description = "Keep BOS and the top-K% image tokens only, without the other query tokens" };
        var command = new Command("compress", "Build a compressed image context (query + top-K% image tokens per layer) and store it")
            { image, address, prompt, k, method, dtype, maxTokens, imageOnly };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var file = parse.GetValue(image)!;
            if (!file.Exists) throw new FileNotFoundException($"{file.FullName} does not exist");
            using var channel = GrpcChannel.ForAddress(parse.GetValue(address)!);
            var response = await new Decoder.DecoderClient(channel).CompressAsync(new CompressRequest
            {
                ImageBytes = ByteString.CopyFrom(await File.ReadAllBytesAsync(file.FullName, ct)),
                Prompt = new Prompt { Text = parse.GetValue(prompt)! },
                Sampling = new SamplingParams { MaxTokens = parse.GetValue(maxTokens) },
                Selection = new TokenSelection { Method = parse.GetEnum<SelectionMethod>(method), K = parse.GetValue(k) },
                StorageDtype = parse.GetEnum<DType>(dtype),
                Parts = parse.GetValue(imageOnly) ? ContextParts.ImageOnly : ContextParts.QueryAndImage,
            }, ApiKey.Headers(null), cancellationToken: ct);
            AnsiConsole.MarkupLineInterpolated($"[bold]{response.ContextId}[/]");
            var table = new Table().AddColumns("", "context", "full prompt");
            table.AddRow("tokens per layer", response.TokensKept.ToString(), response.TokensFull.ToString());
            table.AddRow("image tokens per layer", response.ImageTokensKept.ToString(), response.ImageTokensFull.ToString());
            table.AddRow("bytes", $"{response.StoredBytes:N0} ({response.StorageDtype})", $"{response.FullKvBytes:N0} (F16 KV cache)");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"[grey]description[/] {response.Description}");
            return 0;
        }, ServiceTarget.Gateway(parse.GetValue(address)!)));
        return command;
    }

    public static Command Ask()
    {
        var contextId = new Argument<string>("context-id") { Description = "The id `mesh compress` printed" };
        var question = new Argument<string>("question") { Description = "The question" };
        var address = Address();
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most answer tokens (0 = the server's default)", DefaultValueFactory = _ => 0 }
            .AtLeast(0);
        var command = new Command("ask", "Answer a question from a stored context, without the image") { contextId, question, address, maxTokens };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var channel = GrpcChannel.ForAddress(parse.GetValue(address)!);
            using var call = new Decoder.DecoderClient(channel).Ask(new AskRequest
            {
                ContextId = parse.GetValue(contextId)!, Question = new Prompt { Text = parse.GetValue(question)! },
                Sampling = new SamplingParams { MaxTokens = parse.GetValue(maxTokens) },
            }, ApiKey.Headers(null), cancellationToken: ct);
            var run = await DescribeRun.ReadAsync(call, token => AnsiConsole.Markup(Markup.Escape(token.Text)), ct);
            AnsiConsole.WriteLine();
            if (run.Summary is { } s)
                AnsiConsole.MarkupLineInterpolated($"[grey]first token {s.TimeToFirstToken.ToTimeSpan().TotalMilliseconds:F0} ms, {s.GeneratedTokens} tokens[/]");
            return 0;
        }, ServiceTarget.Gateway(parse.GetValue(address)!)));
        return command;
    }

    static Option<string> Address() => AddressOption.Gateway("Gateway (default: MESH_GATEWAY or the local mesh)");
}
