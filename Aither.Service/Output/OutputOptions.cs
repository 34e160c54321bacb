using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aither.Service.Output;

/// <summary>Where the pages go. Bound from the environment variables named on each property.</summary>
public sealed class OutputOptions
{
    /// <summary>The output directory; relative paths are resolved against the working directory. Pages go to <c>courses/</c> inside it.</summary>
    [ConfigurationKeyName("HTML_OUTPUT_DIR")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "HTML_OUTPUT_DIR must not be empty.")]
    public string Directory { get; set; } = "output";

    /// <summary>The absolute output directory.</summary>
    public string FullPath => Path.GetFullPath(Directory);
}
