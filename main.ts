import { App } from 'cdktf';
import { ENVIRONMENTS } from './stacks/environments';
import { TokenStack } from './stacks/token-stack';

const app = new App();
for (const env of ENVIRONMENTS) new TokenStack(app, env.name, env);
app.synth();
