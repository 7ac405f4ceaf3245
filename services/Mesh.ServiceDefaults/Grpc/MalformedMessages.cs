using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mesh.ServiceDefaults.Grpc;

/// <summary>
/// Binds every gRPC service as Grpc.AspNetCore's own binder does, with one difference: a request that fails to parse
/// (malformed bytes, a string that is not UTF-8) is INVALID_ARGUMENT (<see cref="RpcErrors.MalformedMessageException"/>).
/// Grpc.AspNetCore parses requests before any interceptor runs and answers a parse failure UNKNOWN, with the
/// exception's stack trace in the error log, once per request.
/// </summary>
internal static class MalformedMessages
{
    /// <summary>Replaces Grpc.AspNetCore's binder with <see cref="MalformedMessages{TService}"/>; call after every <c>AddGrpc()</c>, which adds it back.</summary>
    public static IHostApplicationBuilder RefuseMalformedMessages(this IHostApplicationBuilder builder)
    {
        var grpcBinders = builder.Services
            .Where(d => d.ServiceType == typeof(IServiceMethodProvider<>) && d.ImplementationType?.Name == "BinderServiceMethodProvider`1")
            .ToList();
        if (grpcBinders.Count == 0)
            throw new InvalidOperationException("Grpc.AspNetCore's binder was not found; call RefuseMalformedMessages after AddGrpc().");
        foreach (var binder in grpcBinders) builder.Services.Remove(binder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(MalformedMessages<>)));
        return builder;
    }
}

/// <summary>The binder of <see cref="MalformedMessages"/> for one service type.</summary>
internal sealed class MalformedMessages<TService> : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        // The generated base class names its static BindService(ServiceBinderBase, TBase), as Grpc.AspNetCore reads it.
        if (typeof(TService).GetCustomAttribute<BindServiceMethodAttribute>(inherit: true) is not { } bind) return;
        var method = bind.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == bind.BindMethodName && m.GetParameters() is [var first, _] && first.ParameterType == typeof(ServiceBinderBase));
        method.Invoke(null, [new Binder(context), null]);
    }

    sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Parsing(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method,
                typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Parsing(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method,
                typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Parsing(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method,
                typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Parsing(method), metadata, invoker);
        }

        static Method<TRequest, TResponse> Parsing<TRequest, TResponse>(Method<TRequest, TResponse> method) where TRequest : class where TResponse : class
        {
            var parse = method.RequestMarshaller.ContextualDeserializer;
            var request = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, payload =>
            {
                try
                {
                    return parse(payload);
                }
                catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException) // ArgumentException: invalid UTF-8
                {
                    throw RpcErrors.MalformedMessageException(method.FullName);
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, request, method.ResponseMarshaller);
        }

        // The service's public method of the same name and parameters; the type's attributes first, so the method's own win.
        static (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(IMethod method, params Type[] parameters) where TDelegate : Delegate
        {
            var handler = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters)
                ?? throw new InvalidOperationException($"Could not find '{method.Name}' on {typeof(TService)}.");
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler),
                    [.. typeof(TService).GetCustomAttributes(inherit: true), .. handler.GetCustomAttributes(inherit: true)]);
        }
    }
}
