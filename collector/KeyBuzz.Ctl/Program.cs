using KeyBuzz.Ctl.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await KbctlApp.RunAsync(args, Console.Out, Console.Error, Console.In, cancel.Token);
