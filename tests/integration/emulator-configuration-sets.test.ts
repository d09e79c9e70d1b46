import {
  CreateConfigurationSetCommand as CreateSetV1,
  CreateConfigurationSetEventDestinationCommand as CreateDestV1,
  DeleteConfigurationSetCommand as DeleteSetV1,
  DeleteConfigurationSetEventDestinationCommand as DeleteDestV1,
  DescribeConfigurationSetCommand,
  ListConfigurationSetsCommand as ListSetsV1,
  SendEmailCommand as SendEmailV1,
  SendRawEmailCommand,
  SESClient,
  UpdateConfigurationSetEventDestinationCommand as UpdateDestV1,
} from "@aws-sdk/client-ses";
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  DeleteConfigurationSetCommand,
  DeleteConfigurationSetEventDestinationCommand,
  GetConfigurationSetCommand,
  GetConfigurationSetEventDestinationsCommand,
  ListConfigurationSetsCommand,
  SendEmailCommand,
  SESv2Client,
  UpdateConfigurationSetEventDestinationCommand,
} from "@aws-sdk/client-sesv2";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { ACCOUNT, clientConfig, failure, KEYS, startTestEmulator, type TestEmulator } from "../helpers/emulator";

const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:ses-events`;
const SENDER = { id: "AKIAEXAMPLECSSEND001", secret: "csSenderEXAMPLEsecret/0000000000000000+1" };
const IDENTITY_ONLY = { id: "AKIAEXAMPLECSIDONLY1", secret: "csIdentityOnlyEXAMPLEsecret/0000000000+1" };

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({
    accountId: ACCOUNT,
    users: [
      {
        name: "admin",
        managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        accessKeys: [{ id: KEYS.admin.accessKeyId, secret: KEYS.admin.secretAccessKey }],
      },
      {
        name: "platform",
        inlinePolicies: {
          send: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: "*" }],
          },
        },
        accessKeys: [SENDER],
      },
      {
        // allowed on the identity only: a send through a set also needs the configuration-set resource
        name: "identity-only",
        inlinePolicies: {
          send: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["ses:SendEmail", "ses:SendRawEmail"],
                Resource: `arn:aws:ses:eu-west-1:${ACCOUNT}:identity/example.com`,
              },
            ],
          },
        },
        accessKeys: [IDENTITY_ONLY],
      },
    ],
    regions: { "eu-west-1": { sandbox: false }, "us-east-1": { sandbox: false } },
    identities: [
      { region: "eu-west-1", identity: "example.com", status: "Success" },
      { region: "us-east-1", identity: "example.com", status: "Success" },
    ],
    configurationSets: [{ region: "eu-west-1", name: "seeded-set" }],
    smtp: { region: "eu-west-1" },
  });
});
afterAll(() => emu?.close());

const v1 = (region = "eu-west-1", key: { id: string; secret: string } | undefined = undefined) =>
  new SESClient(clientConfig(emu, key ? { accessKeyId: key.id, secretAccessKey: key.secret } : KEYS.admin, region));
const v2 = (region = "eu-west-1", key: { id: string; secret: string } | undefined = undefined) =>
  new SESv2Client(clientConfig(emu, key ? { accessKeyId: key.id, secretAccessKey: key.secret } : KEYS.admin, region));

// The SDK names v1 errors by botocore's shape (ConfigurationSetDoesNotExistException) for the wire code
// (ConfigurationSetDoesNotExist): a name that matched no shape would come back as the bare code instead.
describe("SES v1 configuration sets", () => {
  it("create, describe with event destinations, list, update, delete — per region", async () => {
    const ses = v1();
    await ses.send(new CreateSetV1({ ConfigurationSet: { Name: "plunk-configuration-set" } }));
    const again = await failure(ses.send(new CreateSetV1({ ConfigurationSet: { Name: "plunk-configuration-set" } })));
    expect(again).toMatchObject({ name: "ConfigurationSetAlreadyExistsException", status: 400 });
    await ses.send(
      new CreateDestV1({
        ConfigurationSetName: "plunk-configuration-set",
        EventDestination: {
          Name: "to-sns",
          Enabled: true,
          MatchingEventTypes: ["bounce", "complaint", "delivery"],
          SNSDestination: { TopicARN: TOPIC },
        },
      }),
    );
    const described = await ses.send(
      new DescribeConfigurationSetCommand({
        ConfigurationSetName: "plunk-configuration-set",
        ConfigurationSetAttributeNames: ["eventDestinations"],
      }),
    );
    expect(described.ConfigurationSet?.Name).toBe("plunk-configuration-set");
    expect(described.EventDestinations).toEqual([
      {
        Name: "to-sns",
        Enabled: true,
        MatchingEventTypes: ["bounce", "complaint", "delivery"],
        SNSDestination: { TopicARN: TOPIC },
      },
    ]);
    await ses.send(
      new UpdateDestV1({
        ConfigurationSetName: "plunk-configuration-set",
        EventDestination: { Name: "to-sns", MatchingEventTypes: ["send"], SNSDestination: { TopicARN: TOPIC } },
      }),
    );
    const updated = await ses.send(
      new DescribeConfigurationSetCommand({
        ConfigurationSetName: "plunk-configuration-set",
        ConfigurationSetAttributeNames: ["eventDestinations"],
      }),
    );
    // Enabled omitted means false, as the API reference says
    expect(updated.EventDestinations?.[0]).toMatchObject({ Enabled: false, MatchingEventTypes: ["send"] });

    const listed = await ses.send(new ListSetsV1({}));
    expect(listed.ConfigurationSets?.map((s) => s.Name).sort()).toEqual(["plunk-configuration-set", "seeded-set"]);
    // another region does not see them
    expect((await v1("us-east-1").send(new ListSetsV1({}))).ConfigurationSets ?? []).toEqual([]);
    const elsewhere = await failure(
      v1("us-east-1").send(new DescribeConfigurationSetCommand({ ConfigurationSetName: "plunk-configuration-set" })),
    );
    expect(elsewhere).toEqual({
      name: "ConfigurationSetDoesNotExistException",
      status: 400,
      message: "Configuration set <plunk-configuration-set> does not exist.",
    });

    const badType = await failure(
      ses.send(
        new CreateDestV1({
          ConfigurationSetName: "plunk-configuration-set",
          EventDestination: {
            Name: "x",
            MatchingEventTypes: ["BOUNCE" as "bounce"],
            SNSDestination: { TopicARN: TOPIC },
          },
        }),
      ),
    );
    expect(badType).toMatchObject({ name: "ValidationError", status: 400 });
    await ses.send(
      new DeleteDestV1({ ConfigurationSetName: "plunk-configuration-set", EventDestinationName: "to-sns" }),
    );
    const goneDest = await failure(
      ses.send(new DeleteDestV1({ ConfigurationSetName: "plunk-configuration-set", EventDestinationName: "to-sns" })),
    );
    expect(goneDest).toMatchObject({ name: "EventDestinationDoesNotExistException", status: 400 });
    await ses.send(new DeleteSetV1({ ConfigurationSetName: "plunk-configuration-set" }));
    const gone = await failure(ses.send(new DeleteSetV1({ ConfigurationSetName: "plunk-configuration-set" })));
    expect(gone.name).toBe("ConfigurationSetDoesNotExistException");
  });

  it("a name with characters SES refuses is InvalidConfigurationSet", async () => {
    const err = await failure(v1().send(new CreateSetV1({ ConfigurationSet: { Name: "has space" } })));
    expect(err).toMatchObject({ name: "InvalidConfigurationSetException", status: 400 });
  });
});

describe("SESv2 configuration sets", () => {
  it("create, get, list, event destinations, delete; NotFoundException in another region", async () => {
    const ses = v2();
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: "usesend-general" }));
    const dup = await failure(ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: "usesend-general" })));
    expect(dup).toMatchObject({ name: "AlreadyExistsException", status: 400 });
    const got = await ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: "usesend-general" }));
    expect(got).toMatchObject({ ConfigurationSetName: "usesend-general", SendingOptions: { SendingEnabled: true } });
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: "usesend-general",
        EventDestinationName: "events",
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ["BOUNCE", "DELIVERY"],
          SnsDestination: { TopicArn: TOPIC },
        },
      }),
    );
    const dests = await ses.send(
      new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: "usesend-general" }),
    );
    expect(dests.EventDestinations).toEqual([
      {
        Name: "events",
        Enabled: true,
        MatchingEventTypes: ["BOUNCE", "DELIVERY"],
        SnsDestination: { TopicArn: TOPIC },
      },
    ]);
    await ses.send(
      new UpdateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: "usesend-general",
        EventDestinationName: "events",
        EventDestination: { Enabled: false, MatchingEventTypes: ["SEND"], SnsDestination: { TopicArn: TOPIC } },
      }),
    );
    const after = await ses.send(
      new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: "usesend-general" }),
    );
    expect(after.EventDestinations?.[0]).toMatchObject({ Enabled: false, MatchingEventTypes: ["SEND"] });
    const badType = await failure(
      ses.send(
        new UpdateConfigurationSetEventDestinationCommand({
          ConfigurationSetName: "usesend-general",
          EventDestinationName: "events",
          EventDestination: { MatchingEventTypes: ["bounce" as "BOUNCE"], SnsDestination: { TopicArn: TOPIC } },
        }),
      ),
    );
    expect(badType).toMatchObject({ name: "BadRequestException", status: 400 });

    const listed = await ses.send(new ListConfigurationSetsCommand({}));
    expect(listed.ConfigurationSets).toContain("usesend-general");
    const elsewhere = await failure(
      v2("us-east-1").send(new GetConfigurationSetCommand({ ConfigurationSetName: "usesend-general" })),
    );
    expect(elsewhere).toMatchObject({ name: "NotFoundException", status: 404 });

    await ses.send(
      new DeleteConfigurationSetEventDestinationCommand({
        ConfigurationSetName: "usesend-general",
        EventDestinationName: "events",
      }),
    );
    expect(
      (await ses.send(new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: "usesend-general" })))
        .EventDestinations,
    ).toEqual([]);
    await ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: "usesend-general" }));
    const gone = await failure(
      ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: "usesend-general" })),
    );
    expect(gone).toMatchObject({ name: "NotFoundException", status: 404 });
  });

  it("a reader without ses:CreateConfigurationSet is denied on the set's ARN", async () => {
    const err = await failure(
      v2("eu-west-1", SENDER).send(new CreateConfigurationSetCommand({ ConfigurationSetName: "nope" })),
    );
    expect(err.name).toBe("AccessDeniedException");
    expect(err.message).toContain(`on resource: arn:aws:ses:eu-west-1:${ACCOUNT}:configuration-set/nope`);
  });
});

describe("a send naming a configuration set that does not exist in the region", () => {
  const simple = {
    Source: "news@example.com",
    Destination: { ToAddresses: ["success@simulator.amazonses.com"] },
    Message: { Subject: { Data: "hi" }, Body: { Text: { Data: "hello" } } },
  };
  const raw = (set?: string) =>
    Buffer.from(
      [
        "From: news@example.com",
        "To: success@simulator.amazonses.com",
        "Subject: hi",
        ...(set ? [`X-SES-CONFIGURATION-SET: ${set}`] : []),
        "",
        "hello",
      ].join("\r\n"),
    );

  it("v1 SendEmail and SendRawEmail: ConfigurationSetDoesNotExist; the seeded set works", async () => {
    const ses = v1("eu-west-1", SENDER);
    const missing = await failure(
      ses.send(new SendEmailV1({ ...simple, ConfigurationSetName: "plunk-configuration-set" })),
    );
    expect(missing).toEqual({
      name: "ConfigurationSetDoesNotExistException",
      status: 400,
      message: "Configuration set <plunk-configuration-set> does not exist.",
    });
    const rawMissing = await failure(
      ses.send(new SendRawEmailCommand({ RawMessage: { Data: raw() }, ConfigurationSetName: "absent" })),
    );
    expect(rawMissing.name).toBe("ConfigurationSetDoesNotExistException");
    // the raw header names the set too
    const headerMissing = await failure(ses.send(new SendRawEmailCommand({ RawMessage: { Data: raw("absent") } })));
    expect(headerMissing.message).toBe("Configuration set <absent> does not exist.");
    const ok = await ses.send(new SendEmailV1({ ...simple, ConfigurationSetName: "seeded-set" }));
    expect(ok.MessageId).toBeTruthy();
    // the same set name in another region is another set
    const otherRegion = await failure(
      v1("us-east-1", SENDER).send(new SendEmailV1({ ...simple, ConfigurationSetName: "seeded-set" })),
    );
    expect(otherRegion.name).toBe("ConfigurationSetDoesNotExistException");
  });

  it("SESv2 SendEmail: NotFoundException 404", async () => {
    const err = await failure(
      v2("eu-west-1", SENDER).send(
        new SendEmailCommand({
          FromEmailAddress: "news@example.com",
          Destination: { ToAddresses: ["success@simulator.amazonses.com"] },
          Content: { Simple: { Subject: { Data: "hi" }, Body: { Text: { Data: "hello" } } } },
          ConfigurationSetName: "plunk-configuration-set",
        }),
      ),
    );
    expect(err).toEqual({
      name: "NotFoundException",
      status: 404,
      message: "Configuration set <plunk-configuration-set> does not exist.",
    });
  });

  it("SMTP with X-SES-CONFIGURATION-SET: 554 with SES's text; a send through an existing set is accepted", async () => {
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: emu.ports.smtp,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: SENDER.id, pass: await deriveSmtpPassword(SENDER.secret, "eu-west-1") },
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 5000,
    });
    const mail = (set: string) => ({
      from: "news@example.com",
      to: "success@simulator.amazonses.com",
      subject: "hi",
      text: "hello",
      headers: { "X-SES-CONFIGURATION-SET": set },
    });
    const err = (await transport.sendMail(mail("plunk-configuration-set")).catch((e: unknown) => e)) as {
      responseCode?: number;
      response?: string;
    };
    expect(err.responseCode).toBe(554);
    expect(err.response).toBe("554 Transaction failed: Configuration set <plunk-configuration-set> does not exist.");
    const ok = await transport.sendMail(mail("seeded-set"));
    expect(ok.response).toMatch(/^250 Ok /);
    transport.close();
  });

  it("the configuration set is a resource of the send: allowed on the identity only is not enough", async () => {
    const err = await failure(
      v1("eu-west-1", IDENTITY_ONLY).send(new SendEmailV1({ ...simple, ConfigurationSetName: "seeded-set" })),
    );
    expect(err.name).toBe("AccessDenied");
    expect(err.message).toContain(`on resource \`arn:aws:ses:eu-west-1:${ACCOUNT}:configuration-set/seeded-set'`);
    const without = await v1("eu-west-1", IDENTITY_ONLY).send(new SendEmailV1(simple));
    expect(without.MessageId).toBeTruthy();
  });
});
