using System.Reflection;
using System.Reflection.Emit;
using Mesh.Core.Nn;

namespace Mesh.Core.Tests.Nn;

/// <summary>
/// The first guard of <see cref="Scalars"/>, checked: the model code that runs per request (outside constructors, which
/// run once at load) never hands libtorch a temporary Scalar. Reads the IL of every method for the calls that make one.
/// </summary>
public sealed class TemporaryScalarScanTests
{
    static readonly string[] ModelNamespaces = ["Mesh.Core.Nn", "Mesh.Core.Vision", "Mesh.Core.Decoding"];

    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(op => op.Value);

    // An implicit primitive -> Scalar conversion, a Tensor operator with a primitive operand, or an add/sub whose alpha TorchSharp makes.
    static bool MakesATemporary(MethodBase callee)
    {
        string? type = callee.DeclaringType?.FullName;
        var parameters = callee.GetParameters();
        if (type == "TorchSharp.Scalar") return callee.Name == "op_Implicit";
        if (type != "TorchSharp.torch+Tensor") return false;
        if (callee.Name.StartsWith("op_") && parameters.Any(p => p.ParameterType.IsPrimitive)) return true;
        if (callee.Name is "op_Addition" or "op_Subtraction") return true;
        return callee.Name is "add" or "sub" or "add_" or "sub_" && parameters.Length == 1;
    }

    static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        for (int i = 0; il is not null && i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            var op = OpCodesByValue[value];
            i += op.Size;
            if (op.OperandType == OperandType.InlineMethod)
            {
                var type = method.DeclaringType!;
                yield return method.Module.ResolveMethod(BitConverter.ToInt32(il, i),
                    type.IsGenericType ? type.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null)!;
            }
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }

    [Fact]
    public void ModelCodeHandsLibtorchOnlyScalarsItKeeps()
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var calls = typeof(Scalars).Assembly.GetTypes()
            .Where(t => ModelNamespaces.Any(n => t.Namespace == n || t.Namespace?.StartsWith(n + ".") == true))
            .SelectMany(t => t.GetMethods(all))
            .SelectMany(m => Callees(m).Where(MakesATemporary).Select(c => $"{m.DeclaringType!.FullName}.{m.Name} calls {c.DeclaringType!.Name}.{c.Name}"))
            .ToList();

        Assert.True(calls.Count == 0, "temporary Scalars (keep them in fields or use Scalars.One; see Scalars):\n" + string.Join("\n", calls));
    }

    [Fact]
    public void TheScanFindsATemporary()
    {
        var sample = typeof(TemporaryScalarScanTests).GetMethod(nameof(Halve), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Contains(Callees(sample), MakesATemporary);
    }

    static TorchSharp.torch.Tensor Halve(TorchSharp.torch.Tensor x) => x * 0.5;
}
