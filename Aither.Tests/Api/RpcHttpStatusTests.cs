using System.Reflection;
using Aither.Service.Api;
using Aither.Service.Api.Rest;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Aither.Tests.Api;

public sealed class RpcHttpStatusTests
{
    public static TheoryData<StatusCode> ErrorStatuses()
    {
        var data = new TheoryData<StatusCode>();
        foreach (var status in Enum.GetValues<StatusCode>().Where(s => s != StatusCode.OK))
        {
            data.Add(status);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ErrorStatuses))]
    public void For_EveryErrorStatus_IsWhatJsonTranscodingAnswers(StatusCode status)
    {
        // Transcoding's table is internal; reading it keeps ours from drifting when the platform changes.
        var helpers = typeof(GrpcJsonTranscodingOptions).Assembly
            .GetType("Microsoft.AspNetCore.Grpc.JsonTranscoding.Internal.JsonRequestHelpers", throwOnError: true)!;
        var map = helpers.GetMethod("MapStatusCodeToHttpStatus", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;

        var transcoding = (int)map.Invoke(null, [status])!;

        Assert.Equal(transcoding, RpcHttpStatus.For(status).Http);
        Assert.Single(RpcHttpStatus.Table, entry => entry.Rpc == status);
    }

    [Fact]
    public void FromRpc_CancelledCall_Is408LikeTranscoding()
    {
        var error = ApiError.FromRpc(new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled")));

        Assert.Equal(408, error.StatusCode);
        Assert.Equal("CANCELLED", error.Code);
    }

    [Fact]
    public void FromRpc_InternalError_HidesTheMessage()
    {
        var error = ApiError.FromRpc(new RpcException(new Status(StatusCode.Internal, "stack of secrets")));

        Assert.Same(ApiError.Internal, error);
    }
}
