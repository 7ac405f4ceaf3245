using Google.Rpc;
using Grpc.Core;
using Mesh.ServiceDefaults.Grpc;

namespace Mesh.ServiceDefaults.Tests.Grpc;

public class RpcErrorsTests
{
    [Fact]
    public void InvalidArgumentNamesTheFieldInABadRequestDetail()
    {
        var error = Assert.Throws<RpcException>(() => RpcErrors.InvalidArgument("selection.k", "k is 1.5; it must be in (0, 1]."));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("k is 1.5; it must be in (0, 1].", error.Status.Detail);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("selection.k", violation.Field);
    }

    [Fact]
    public void ADomainRefusalKeepsItsMessageWithoutTheDotNetParameterName()
    {
        var refusal = new ArgumentException("'USER:' is not a token id.", "text");

        var error = RpcErrors.InvalidArgumentException("prompt.text", refusal);

        Assert.Equal("'USER:' is not a token id.", error.Status.Detail);
        Assert.Equal("prompt.text", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public void NotFoundNamesTheResource()
    {
        var error = Assert.Throws<RpcException>(() => RpcErrors.NotFound("context", "abc", "No context abc."));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("abc", error.GetRpcStatus()!.GetDetail<ResourceInfo>().ResourceName);
    }

    [Fact]
    public void UnavailableSuggestsARetryDelay()
    {
        var error = Assert.Throws<RpcException>(() => RpcErrors.Unavailable("Loading.", TimeSpan.FromSeconds(2)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), error.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan());
    }

    [Theory]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.DataLoss)]
    [InlineData(StatusCode.Internal)]
    public void OtherHelpersGiveTheirStatus(StatusCode expected)
    {
        Action raise = expected switch
        {
            StatusCode.ResourceExhausted => () => RpcErrors.ResourceExhausted("queue", "Full."),
            StatusCode.FailedPrecondition => () => RpcErrors.FailedPrecondition("Other model."),
            StatusCode.Internal => () => RpcErrors.Internal("A peer broke the contract."),
            _ => () => RpcErrors.DataLoss("ctx", "Checksum mismatch."),
        };

        var error = Assert.Throws<RpcException>(raise);
        Assert.Equal(expected, error.StatusCode);
        Assert.Equal((int)expected, error.GetRpcStatus()!.Code);
    }
}
