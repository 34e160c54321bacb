using System.Reflection;
using Aither.Service.Api;
using Aither.Service.Api.Rest;
using Aither.Service.Auth;
using Aither.Sync.V1;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Aither.Tests.Api;

/// <summary>
/// A guard for the next RPC: every SyncService method read from the service descriptor has a REST route under
/// /api, an authorization policy on its implementation, and a mapping into the REST envelope, so a new RPC
/// cannot silently skip the REST face.
/// </summary>
public sealed class RpcSurfaceTests
{
    private static readonly string[] Policies = [AuthPolicies.Admin, AuthPolicies.CronTrigger];

    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var method in SyncService.Descriptor.Methods)
        {
            data.Add(method.Name);
        }

        return data;
    }

    [Fact]
    public void Descriptor_SyncService_HasMethods()
    {
        Assert.NotEmpty(SyncService.Descriptor.Methods);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Method_Descriptor_HasARestRouteUnderApi(string name)
    {
        var rule = Method(name).GetOptions()?.GetExtension(AnnotationsExtensions.Http);

        Assert.NotNull(rule);
        var path = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => rule.Get,
            HttpRule.PatternOneofCase.Post => rule.Post,
            HttpRule.PatternOneofCase.Put => rule.Put,
            HttpRule.PatternOneofCase.Delete => rule.Delete,
            HttpRule.PatternOneofCase.Patch => rule.Patch,
            _ => null,
        };
        // The envelope middleware wraps exactly the paths under /api.
        Assert.StartsWith("/api/", path, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Method_Implementation_HasAKnownAuthorizationPolicy(string name)
    {
        var implementation = typeof(SyncGrpcService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        Assert.NotNull(implementation);
        var authorize = implementation.GetCustomAttributes<AuthorizeAttribute>().ToArray();
        Assert.NotEmpty(authorize);
        Assert.All(authorize, a => Assert.Contains(a.Policy, Policies));
        Assert.Null(implementation.GetCustomAttribute<AllowAnonymousAttribute>());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Method_Response_HasAnEnvelopeMapping(string name)
    {
        var response = Filled(Method(name).OutputType);

        var (statusCode, data) = RestContract.ToSuccess(response);

        Assert.InRange(statusCode, 200, 299);
        Assert.NotNull(data);
    }

    [Fact]
    public void ErrorTable_EveryStatusAnRpcCanEndWith_HasAnHttpStatusAndCode()
    {
        // An RPC's errors reach the envelope as RpcExceptions; each status maps through the one table.
        foreach (var status in Enum.GetValues<StatusCode>().Where(s => s != StatusCode.OK))
        {
            Assert.Contains(RpcHttpStatus.Table, entry => entry.Rpc == status);
        }
    }

    private static MethodDescriptor Method(string name) => SyncService.Descriptor.FindMethodByName(name);

    /// <summary>A response with every message field and enum set (two levels deep), as a real call returns it.</summary>
    private static IMessage Filled(MessageDescriptor descriptor, int depth = 0)
    {
        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        if (depth >= 2)
        {
            return message;
        }

        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            if (field.FieldType == FieldType.Message && !field.IsRepeated && !field.IsMap)
            {
                field.Accessor.SetValue(message, Filled(field.MessageType, depth + 1));
            }
            else if (field.FieldType == FieldType.Enum && !field.IsRepeated && field.EnumType.Values.Count > 1)
            {
                // Value 0 is UNSPECIFIED, which no response carries.
                var clrType = descriptor.ClrType.GetProperty(field.PropertyName)!.PropertyType;
                field.Accessor.SetValue(message, Enum.ToObject(clrType, field.EnumType.Values[1].Number));
            }
        }

        return message;
    }
}
