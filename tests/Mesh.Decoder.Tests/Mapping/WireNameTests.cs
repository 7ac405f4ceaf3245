using Mesh.Contracts.Decoder.V1;
using Mesh.Core.Interp;

namespace Mesh.Decoder.Tests.Mapping;

/// <summary>
/// The decoder's wire messages and the Mesh.Core types it maps them to never share a name, so a mapper
/// imports both namespaces and names each type plainly (no aliases, no qualified names).
/// </summary>
public sealed class WireNameTests
{
    static readonly string[] WireNamespaces = ["Mesh.Contracts.Decoder.V1", "Mesh.Contracts.Common.V1"];
    static readonly string[] DomainNamespaces = ["Mesh.Core.Decoding", "Mesh.Core.Interp", "Mesh.Core.Interp.Contexts", "Mesh.Core.Prompting"];

    static HashSet<string> PublicTypeNames(Type anchor, string[] namespaces) =>
        anchor.Assembly.GetExportedTypes().Where(t => !t.IsNested && namespaces.Contains(t.Namespace)).Select(t => t.Name).ToHashSet();

    [Fact]
    public void NoDomainTypeSharesItsNameWithAWireType()
    {
        var wire = PublicTypeNames(typeof(GenerateRequest), WireNamespaces);
        var domain = PublicTypeNames(typeof(TokenGroups), DomainNamespaces);
        Assert.NotEmpty(wire);
        Assert.NotEmpty(domain);
        Assert.Empty(wire.Intersect(domain).Order());
    }
}
