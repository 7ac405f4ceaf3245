using Grpc.Core;
using Mesh.ContextStore.Storage;

namespace Mesh.ContextStore.Tests.Storage;

public class ContextIdTests
{
    [Fact]
    public void NewIdsAre128RandomBitsInLowercaseHexAndParseBack()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ContextId.NewRandom()).ToList();
        Assert.Equal(1000, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9a-f]{32}$", id.Value);
            Assert.True(ContextId.TryParse(id.Value, out var parsed));
            Assert.Equal(id, parsed);
            Assert.Equal(id.Value + ".ctx", id.FileName);
        });
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("..")]
    [InlineData("/tmp/0123456789abcdef0123456789abcd")]
    [InlineData("0123456789abcdef/../0123456789abc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcde\0")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingButTheStoresFormatIsRefusedNamingTheField(string? text)
    {
        Assert.False(ContextId.TryParse(text, out _));
        var error = Assert.Throws<RpcException>(() => ContextId.Parse(text, "context_id"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("context_id", Blobs.Field(error));
        Assert.Contains("32 lowercase hex characters", error.Status.Detail);
    }
}
