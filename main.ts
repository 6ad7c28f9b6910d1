import { App } from 'cdktf';
import { FoundationExampleStack } from './stacks/foundation-example-stack';

const app = new App();
new FoundationExampleStack(app, 'example');
app.synth();
