using Aither.Service.Output;
using Aither.Service.Rendering;
using Aither.Service.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Infrastructure;

public sealed record PipelineResult(SyncJobSnapshot Job, Exception? Failure)
{
    public PipelineResult Succeeded()
    {
        Assert.Null(Failure);
        return this;
    }

    public SyncFailedException FailedWith(string entity)
    {
        var failure = Assert.IsType<SyncFailedException>(Failure);
        Assert.Equal(entity, failure.Entity);
        return failure;
    }
}
