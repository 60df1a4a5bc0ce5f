using System.Xml.Linq;
using PbxGrains.Surfaces.Escaux;
using static PbxGrains.Tests.Escaux.EscauxFixture;

namespace PbxGrains.Tests.Escaux;

[Collection(EscauxCollection.Name)]
public sealed class ProfileTests(EscauxFixture fixture)
{
    [Fact]
    public async Task The_callflow_example_answers_and_setting_a_profile_of_the_same_class_changes_it()
    {
        var demo = await fixture.DemoAsync();
        SameJson(GoldenJson("dbGetCallflow-102.json"), await fixture.JsonAsync(demo, "/xml/dbGetCallflow.json?ext=102"));

        Assert.Equal(0, await fixture.ResultAsync(demo, "/xml/dbSetProfile.php?ext=102&profile_name=User.Office"));
        SameXml(Golden("dbGetCallflow-102-User.xml"), await fixture.XmlAsync(demo, "/xml/dbGetCallflow.php?ext=102"));

        Assert.Equal(0, await fixture.ResultAsync(demo, "/xml/dbSetProfile.php?ext=102&status=Forward"));
        var next = await fixture.XmlAsync(demo, "/xml/dbGetNextStatus.php?ext=102");
        Assert.Equal(["User", "Forward", "Absent"], next.Elements().Select(e => e.Value));
        Assert.Equal(0, (int)(await fixture.JsonAsync(demo, "/xml/dbSetProfile.json?ext=102&profile_name=User.Forward"))["Result"]!);
    }

    [Fact]
    public async Task Set_profile_answers_every_documented_code()
    {
        var demo = await fixture.DemoAsync();

        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/dbSetProfile.php?ext=1x2&status=Office"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/dbSetProfile.php?ext=102"));
        Assert.Equal(2, await fixture.ResultAsync(demo, "/xml/dbSetProfile.php?ext=102&profile_name=Template-Queue"));
        Assert.Equal(3, await fixture.ResultAsync(demo, "/xml/dbSetProfile.php?ext=102&profile_name=NoSuchProfile"));
        Assert.Equal(3, await fixture.ResultAsync(demo, "/xml/dbSetProfile.php?ext=102&status=Dancing"));
        // 5: the call model could not be reached or refused the write (the failure the handler answers then).
        Assert.Equal("<dbSetProfileResult><Result>5</Result></dbSetProfileResult>", EscauxXml.Write(EscauxApi.SetProfileUnreachable().Xml));
    }

    [Fact]
    public async Task Callflow_statuses_are_translated_on_request()
    {
        var demo = await fixture.DemoAsync();

        var json = await fixture.JsonAsync(demo, "/xml/dbGetCallflow.json?ext=599&lang=fr");
        Assert.Equal("Télétravail", (string?)json["TranslatedStatus"]![4]);
        var xml = await fixture.XmlAsync(demo, "/xml/dbGetCallflow.php?ext=599&lang=fr");
        Assert.Equal(5, xml.Element("Translations")!.Elements("Translation").Count());
        Assert.Null((await fixture.XmlAsync(demo, "/xml/dbGetCallflow.php?ext=599")).Element("Translations"));
    }

    [Fact]
    public async Task Profile_parameters_show_admin_variables_only_when_asked()
    {
        var demo = await fixture.DemoAsync();

        var user = await fixture.XmlAsync(demo, "/xml/dbGetProfileParameters.php?ext=102");
        Assert.Null(user.Element("SecretaryDevice"));
        var all = await fixture.XmlAsync(demo, "/xml/dbGetProfileParameters.php?ext=102&show_admin=1");
        SameXml(Golden("dbGetProfileParameters-102.xml"), new XElement("ProfileParameters", all.Element("ForwardNumber"), all.Element("SecretaryDevice")));
        Assert.Contains("<descr/>", await fixture.GetAsync(demo, "/xml/dbGetProfileParameters.php?ext=102"), StringComparison.Ordinal);
        Assert.Equal("Numéro de renvoi", (string?)(await fixture.JsonAsync(demo, "/xml/dbGetProfileParameters.json?ext=102&lang=fr"))["ForwardNumber"]!["friendly_name"]);
    }

    [Fact]
    public async Task Set_profile_parameters_answers_every_documented_code_and_stores_the_value()
    {
        var demo = await fixture.DemoAsync();

        Assert.Equal(0, (int)(await fixture.JsonAsync(demo, "/xml/dbSetProfileParameters.json?ext=512&CFU.Number=526"))["Result"]!);
        Assert.Equal("526", (await fixture.Pbx.Extension(demo, "512").GetAsync()).Config.ProfileParameters["CFU.Number"]);
        SameXml(Golden("dbSetProfileParameters-ok.xml"), await fixture.XmlAsync(demo, "/xml/dbSetProfileParameters.php?ext=512&CFU.Number=527&ForwardNumber=1000"));

        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/dbSetProfileParameters.php?ext=512"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/dbSetProfileParameters.php?ext=nope&CFU.Number=1"));
        Assert.Equal(2, await fixture.ResultAsync(demo, "/xml/dbSetProfileParameters.php?ext=512&Bogus=1"));
        var notApplicable = await fixture.XmlAsync(demo, "/xml/dbSetProfileParameters.php?ext=512&QueueAnnouncement=welcome");
        Assert.Equal(["3", "Global parameter not applicable to profile", "QueueAnnouncement"], notApplicable.Elements().Select(e => e.Value));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/dbSetProfileParameters.php?ext=2000&QueueAnnouncement=loud"));
        Assert.Equal("527", (await fixture.Pbx.Extension(demo, "512").GetAsync()).Config.ProfileParameters["CFU.Number"]);
        Assert.Equal("5", EscauxApi.SetProfileParametersUnreachable().Xml.Element("Result")!.Value);
    }

    [Fact]
    public async Task Authenticate_checks_and_sets_a_pincode_parameter()
    {
        var demo = await fixture.DemoAsync();
        async Task<string> Auth(string query) => (await fixture.GetAsync(demo, "/xml/dbAuthenticate.php?" + query));

        Assert.Equal("<Authenticate><Result>OK</Result></Authenticate>", await Auth("ext=2001&password=1234&command=check&parameter=Pincode.Pincode"));
        Assert.Equal("<Authenticate><Result>NOK</Result></Authenticate>", await Auth("ext=2001&password=9999&command=check&parameter=Pincode.Pincode"));
        Assert.Equal("<Authenticate><Result>NOK</Result></Authenticate>", await Auth("ext=2001&password=1234&command=check&parameter=No.Such"));
        Assert.Equal("<Authenticate><Result>NOK</Result></Authenticate>", await Auth("ext=9999&password=1234&command=check"));
        Assert.Equal("<Authenticate><Result>UNDEFINED</Result></Authenticate>", await Auth("ext=102&password=1234&command=check"));
        Assert.Equal("<Authenticate><Error>Bad command XXXXXX</Error></Authenticate>", await Auth("ext=2001&password=1234&command=XXXXXX"));

        Assert.Equal("<Authenticate><Result>NOK</Result></Authenticate>", await Auth("ext=2001&password=0000&command=set&newpassword=1111&parameter=Pincode.Pincode"));
        Assert.Equal("<Authenticate><Result>OK</Result></Authenticate>", await Auth("ext=2001&password=1234&command=set&newpassword=1111&parameter=Pincode.Pincode"));
        Assert.Equal("<Authenticate><Result>OK</Result></Authenticate>", await Auth("ext=2001&password=1111&command=check&parameter=Pincode.Pincode"));
        // No pincode stored yet: any password is accepted.
        Assert.Equal("<Authenticate><Result>OK</Result></Authenticate>", await Auth("ext=102&password=whatever&command=set&newpassword=4321"));
        Assert.Equal("<Authenticate><Result>OK</Result></Authenticate>", await Auth("ext=102&password=4321&command=check"));

        using var json = await fixture.Http.GetAsync(new Uri($"http://localhost/t/{demo}/xml/dbAuthenticate.json?ext=102&command=check", UriKind.Absolute));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, json.StatusCode);   // "JSON cannot be used here"
    }

    [Fact]
    public async Task Check_pincode_answers_0_for_the_extensions_pincode_and_1_otherwise()
    {
        var demo = await fixture.DemoAsync();

        SameXml(Golden("dbCheckPincode-102.xml"), await fixture.XmlAsync(demo, "/xml/dbCheckPincode.php?ext=102&pincode=1234"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/dbCheckPincode.php?ext=102&pincode=1235"));
        Assert.Equal(1, await fixture.ResultAsync(demo, "/xml/dbCheckPincode.php?ext=102"));
    }
}
