namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>The document's error codes ("D. Error Codes") and their texts, as the product writes them.</summary>
public static class VoipCenterErrors
{
    // Head: the request itself.
    public const int MissingParameters = 10;
    public const int TimestampMismatch = 11;
    public const int WrongFormat = 12;
    public const int TooManyAttempts = 13;
    public const int IncorrectHash = 14;
    public const int UserPasswordIncorrect = 15;
    public const int ApiUserNotAllowed = 16;
    public const int ParamNotCorrect = 17;

    // Body: what the request asked for.
    public const int CouldNotConnect = 1;
    public const int IncorrectId = 2;
    public const int CallAuthFailed = 20;
    public const int CallLegFailed = 21;
    public const int IncorrectLogin = 25;

    public static string Message(int code) => code switch
    {
        MissingParameters => "Missing parameters",
        TimestampMismatch => "Timestamp mismatch",
        WrongFormat => "Wrong format",
        TooManyAttempts => "Too many attempts",
        IncorrectHash => "Incorrect hash",
        UserPasswordIncorrect => "User password incorrect",
        ApiUserNotAllowed => "API user not allowed",
        ParamNotCorrect => "Param not correct",
        CouldNotConnect => "Could not connect to server",
        IncorrectId => "Incorrect ID",
        CallAuthFailed => "Call Auth failed",
        CallLegFailed => "Call Leg failed",
        IncorrectLogin => "Incorrect Login",
        _ => "",
    };
}
