import { Field, InputType } from 'type-graphql';

@InputType('IdentityDocumentInput', { description: 'A document number with the country that issued it' })
export class IdentityDocumentInput {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 or alpha-3, e.g. FR or FRA' }) country!: string;
  @Field(() => String, { description: 'Spaces and punctuation are ignored' }) number!: string;
}

@InputType('SubjectInput', {
  description:
    'Identifiers of one person. They are normalised and pseudonymised (HMAC-SHA256 under the ' +
    "deployment's screening key) at the gateway; no source ever receives them in clear.",
})
export class SubjectInput {
  @Field(() => String, { nullable: true }) unIndexNumber?: string | null;
  @Field(() => [IdentityDocumentInput], { nullable: true }) passports?: IdentityDocumentInput[] | null;
  @Field(() => [IdentityDocumentInput], { nullable: true }) nationalIds?: IdentityDocumentInput[] | null;
}
