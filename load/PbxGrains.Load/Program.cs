using PbxGrains.Load.Cli;

// Ctrl+C stops the run, still writing what was measured; a second Ctrl+C ends the process.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancel.IsCancellationRequested)
    {
        e.Cancel = true;
        cancel.Cancel();
    }
};

return await LoadCommand.RunAsync(args, Console.Out, cancel.Token);
